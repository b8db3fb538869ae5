// The float-valued unary ops, listed once: each is one `Backend.unary` kernel op with a floating
// result (integer inputs give float32). `UnaryKernelOp`, tensor-core's op table and autograd's
// recording versions are derived from this list (see CONTRIBUTING's "How to add a tensor op").
export const FLOAT_UNARY_OPS = ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sigmoid', 'tanh', 'erf'] as const;

export type FloatUnaryOp = (typeof FLOAT_UNARY_OPS)[number];
