// WebGPU's flag values (the spec's numbers), so no code depends on the GPUBufferUsage / GPUMapMode
// globals, which Node's bindings do not install.
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MAP_READ_MODE = 0x0001;
