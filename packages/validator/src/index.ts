export { createValidator, sharedValidator, schemaProblems, SpecLookupError, jsonPath, jsonType } from "./validator.js";
export type { ParameterLocation, ResponseInput, SpecParameter, Validator, ValidatorOptions } from "./validator.js";
export type { Violation, ViolationLocation } from "./violation.js";
export { bundledSpec, listOperations, type SpecNode, type SpecOperation } from "./spec-document.js";
