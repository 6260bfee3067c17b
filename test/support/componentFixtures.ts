// The dev stack's store, built directly from components with plain args (no Pulumi config), for
// component specs. Call inside runInMockStack.
import { ArtifactDomain, ArtifactDomainArgs } from "../../infra/components/artifactDomain";
import { PackageRepository, PackageRepositoryArgs } from "../../infra/components/packageRepository";
import { FAKE_CONTEXT } from "./mockStack";

export interface StoreOptions {
    domain?: Partial<ArtifactDomainArgs>;
    repository?: Partial<Omit<PackageRepositoryArgs, "domain">>;
}

export function newStore(options: StoreOptions = {}): { domain: ArtifactDomain; repository: PackageRepository } {
    const domain = new ArtifactDomain("domain", { domainName: "nextwork", context: FAKE_CONTEXT, ...options.domain });
    const repository = new PackageRepository("repository", { domain, repositoryName: "nextwork-packages", ...options.repository });
    return { domain, repository };
}
