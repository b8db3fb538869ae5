// For other @torchlet packages; not part of the user-facing API.
export {};
