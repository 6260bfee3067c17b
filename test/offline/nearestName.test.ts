import { expect } from "chai";
import { editDistance, nearestName } from "../../offline/program/nearestName";

describe("nearest name (did you mean)", () => {
    it("counts a swap of two adjacent letters, and a change of case, as one edit or none", () => {
        expect(editDistance("domianName", "domainName")).to.equal(1);
        expect(editDistance("domainname", "domainName")).to.equal(0);
        expect(editDistance("tag", "tags")).to.equal(1);
        expect(editDistance("kitten", "sitting")).to.equal(3);
    });

    it("suggests the closest candidate within reach, and nothing when none is close", () => {
        const keys = ["domainName", "repositoryName", "protect", "tags", "subnetId"];
        expect(nearestName("domianName", keys)).to.equal("domainName");
        expect(nearestName("repositoryNames", keys)).to.equal("repositoryName");
        expect(nearestName("subnet", keys)).to.equal("subnetId");
        expect(nearestName("tag", keys)).to.equal("tags");
        expect(nearestName("zzz", keys)).to.equal(undefined);
        expect(nearestName("region", keys)).to.equal(undefined);
        expect(nearestName("x", ["ab"])).to.equal(undefined);
    });
});
