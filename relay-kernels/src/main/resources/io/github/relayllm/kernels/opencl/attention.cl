// Attention (to be written).
