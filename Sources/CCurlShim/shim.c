#include "CCurlShim.h"
int dartcast_ccurlshim_placeholder(void) { return 0; }
