// The pack's entry point, run by the Pulumi engine as an analyzer plugin. Constructing a PolicyPack
// starts the analyzer's gRPC server (one per process), so this file does nothing else: the policies
// live in ./policies, where tests and the offline check import them without starting a server.
import { PolicyPack } from "@pulumi/policy";
import { packArgs, packName } from "./policies";

new PolicyPack(packName, packArgs);
