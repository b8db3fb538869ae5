// Not part of the user-facing API.
export {};
