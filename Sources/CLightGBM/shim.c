// Empty translation unit: SwiftPM needs one source file for the CLightGBM target,
// whose only job is to expose include/CLightGBM.h and link lib_lightgbm.so.
#include "CLightGBM.h"
