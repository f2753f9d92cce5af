#include "CLightGBM.h"
int dartcast_clightgbm_placeholder(void) { return 0; }
