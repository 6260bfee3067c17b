// secure-packages: a central, encrypted CodeArtifact store, a build host that can only read it, and
// (optionally) a narrowly scoped identity teams publish through. Configuration is validated before
// anything is declared; the components live in ./infra.
import * as pulumi from "@pulumi/pulumi";
import { ArtifactDomain } from "./infra/components/artifactDomain";
import { customerPolicyArn, roleArn } from "./infra/iam/arns";
import { exportTokenCommand, TokenRequest } from "./infra/host/authToken";
import { NATIVE_REGION_KEY, awsDefaultTags, checkNativeRegion, resolveAwsContext } from "./infra/config/awsContext";
import { loadConfig } from "./infra/config/config";
import { mavenServerId, renderMavenSettings } from "./infra/host/mavenSettings";
import { PackagePublisher } from "./infra/components/packagePublisher";
import { PackageRepository } from "./infra/components/packageRepository";
import { resolveHostPlacement } from "./infra/network/hostPlacement";
import { PrivateNetwork } from "./infra/network/privateNetwork";
import { renderPublishWrapper } from "./infra/host/publishWrapper";
import { HostNetwork, ReaderHost } from "./infra/components/readerHost";
import { renderUserData } from "./infra/host/userData";

export = async () => {
    const config = loadConfig(); // throws ConfigError listing every problem: nothing is registered
    const context = await resolveAwsContext();
    const placement = await resolveHostPlacement(config.network, context.region); // fails at preview, before any resource
    const permissionsBoundary = config.permissionsBoundaryPolicy
        ? { permissionsBoundary: customerPolicyArn(context.partition, context.accountId, config.permissionsBoundaryPolicy) }
        : {};
    if (config.internalNamespaces.length > 0) {
        const [pkg, key] = NATIVE_REGION_KEY.split(":");
        checkNativeRegion(context, new pulumi.Config(pkg).get(key));
    }

    const domain = new ArtifactDomain("domain", {
        domainName: config.domainName,
        context,
        readers: config.readers,
        protect: config.protect,
        tags: config.tags,
    });

    const repository = new PackageRepository("repository", {
        domain,
        repositoryName: config.repositoryName,
        upstreams: config.upstreams,
        internalNamespaces: config.internalNamespaces,
        awsDefaultTags: awsDefaultTags(),
        readers: config.readers,
        protect: config.protect,
        tags: config.tags,
    });

    const mavenEndpoint = repository.endpointUrl("maven");
    const serverId = mavenServerId(config.domainName, config.repositoryName);
    const settingsXml = renderMavenSettings({ serverId, repositoryUrl: mavenEndpoint });
    const token: TokenRequest = {
        domainName: config.domainName,
        domainOwner: context.accountId,
        region: context.region,
        durationSeconds: config.tokenDurationSeconds,
    };

    // private: the stack's own network; the other modes: a place in an existing one.
    const network = placement.mode === "private"
        ? new PrivateNetwork("network", {
            context,
            domainName: config.domainName,
            repositoryName: config.repositoryName,
            availabilityZones: placement.availabilityZones,
            sessionManager: config.sessionManager,
            tags: config.tags,
        })
        : undefined;
    const hostNetwork: HostNetwork = network?.hostNetwork()
        ?? (placement.mode === "subnet" ? { subnetId: placement.subnetId } : { vpcId: placement.mode === "default-vpc" ? placement.vpcId : undefined });

    const host = new ReaderHost("reader-host", {
        repository,
        userData: renderUserData({ settingsXml, token }),
        instanceType: config.instanceType,
        network: hostNetwork,
        sessionManager: config.sessionManager,
        instanceName: `${config.domainName}-build-host`,
        tags: config.tags,
        ...permissionsBoundary,
    });

    const publisher = config.publisherNamespaces.length > 0
        ? new PackagePublisher("publisher", {
            repository,
            namespaces: config.publisherNamespaces,
            roleName: config.publisherRoleName,
            trustedPrincipalArns: config.publisherTrustedPrincipalArns,
            tags: config.tags,
            ...permissionsBoundary,
        })
        : undefined;

    return {
        domainName: domain.domain.domain,
        domainOwner: context.accountId,
        repositoryName: repository.repository.repository,
        storeRepositoryNames: repository.storeNames,
        mavenEndpoint,
        settingsXml,
        tokenCommand: exportTokenCommand(token),
        readerRoleArn: host.roleArn,
        instanceId: host.instanceId,
        network: config.network.mode,
        ...(network ? { vpcId: network.vpc.id } : {}),
        ...(config.sessionManager
            ? { sessionCommand: pulumi.interpolate`aws ssm start-session --target ${host.instanceId} --region ${context.region}` }
            : {}),
        ...(publisher
            ? {
                publisherRoleArn: publisher.roleArn,
                // The same settings, plus `mvn deploy` to the team repository; and the wrapper that
                // assumes the role and fetches its token (docs/using-the-host.md, "Publishing").
                publisherSettingsXml: renderMavenSettings({ serverId, repositoryUrl: mavenEndpoint, deploy: true }),
                // The role's name is explicit, so its ARN (and the script) is known in preview already.
                publishScript: renderPublishWrapper({ token, publisherRoleArn: roleArn(context.partition, context.accountId, publisher.roleName) }),
            }
            : {}),
    };
};
