// Small queries over recorded registrations, so the specs read like the behaviour they check.
import { UNKNOWN, WireInputs } from "../../offline/aws/resourceModel";
import { Registration } from "../../offline/program/registrations";

/** What the SDK sends for a value that is not known during preview. */
export { UNKNOWN };

export function ofType(registrations: readonly Registration[], type: string): Registration[] {
    return registrations.filter((registration) => registration.type === type);
}

/** The one registration of a type (and name, when given); throws when there is not exactly one. */
export function single(registrations: readonly Registration[], type: string, name?: string): Registration {
    const matches = ofType(registrations, type).filter((registration) => name === undefined || registration.name === name);
    if (matches.length !== 1) {
        const names = ofType(registrations, type).map((registration) => registration.name);
        throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${matches.length} (${names.join(", ") || "none of that type"})`);
    }
    return matches[0];
}

/** True when the value, or anything inside it, is unknown (preview). */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (typeof value === "string") return value.includes(UNKNOWN);
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** A JSON policy input, parsed; throws when it is absent or not a known JSON string. */
export function policyInput(registration: Registration, property: string): WireInputs {
    const value = registration.inputs[property];
    if (typeof value !== "string" || containsUnknown(value)) {
        throw new Error(`${registration.type} ${registration.name}: ${property} is not a known JSON string: ${JSON.stringify(value)}`);
    }
    return JSON.parse(value);
}

/** The registration whose URN is `urn`. */
export function byUrn(registrations: readonly Registration[], urn: string | undefined): Registration | undefined {
    return registrations.find((registration) => registration.urn === urn);
}

/** `type::name` of each custom resource, for listing what a stack declares. */
export function resourceList(registrations: readonly Registration[]): string[] {
    return registrations.filter((registration) => registration.custom).map((registration) => `${registration.type}::${registration.name}`);
}
