// Matmul and embedding (to be written).
