// Shared by every program. OpenCL C 1.2; no half arithmetic (PoCL has no cl_khr_fp16): halves are
// read with vload_half and computed in float.
//
// Contraction of a*b+c into fma is off, so that a kernel's result does not depend on what the
// compiler chose: kernels call fma() where they mean one.
#pragma OPENCL FP_CONTRACT OFF

#if defined(RELAY_SUBGROUPS_KHR)
#pragma OPENCL EXTENSION cl_khr_subgroups : enable
#elif defined(RELAY_SUBGROUPS_INTEL)
#pragma OPENCL EXTENSION cl_intel_subgroups : enable
#endif

#if defined(RELAY_SUBGROUPS)

// Work-group reductions on devices with sub-groups: each sub-group reduces in registers, then one
// pass over the sub-groups' results in local memory. scratch holds one float per sub-group (the
// callers give one per work-item, which is more). Every work-item gets the result.
float group_sum(float v, local float* scratch) {
    const float partial = sub_group_reduce_add(v);
    if (get_sub_group_local_id() == 0) {
        scratch[get_sub_group_id()] = partial;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    float total = 0.0f;
    for (uint i = 0; i < get_num_sub_groups(); i++) {
        total += scratch[i];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

float group_max(float v, local float* scratch) {
    const float partial = sub_group_reduce_max(v);
    if (get_sub_group_local_id() == 0) {
        scratch[get_sub_group_id()] = partial;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    float total = -INFINITY;
    for (uint i = 0; i < get_num_sub_groups(); i++) {
        total = fmax(total, scratch[i]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

#else

// Sum of v over the work-group (dimension 0, a power of two), in a fixed tree order; every
// work-item gets the result. scratch holds get_local_size(0) floats.
float group_sum(float v, local float* scratch) {
    const int lane = get_local_id(0);
    const int size = get_local_size(0);
    scratch[lane] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = size / 2; stride > 0; stride /= 2) {
        if (lane < stride) {
            scratch[lane] += scratch[lane + stride];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

// Maximum of v over the work-group, as group_sum.
float group_max(float v, local float* scratch) {
    const int lane = get_local_id(0);
    const int size = get_local_size(0);
    scratch[lane] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = size / 2; stride > 0; stride /= 2) {
        if (lane < stride) {
            scratch[lane] = fmax(scratch[lane], scratch[lane + stride]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

#endif

// bfloat16 bits to float: the upper half of an IEEE single.
float bf16_to_float(ushort bits) {
    return as_float(((uint) bits) << 16);
}
