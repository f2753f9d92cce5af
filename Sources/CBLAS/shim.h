// OpenBLAS CBLAS interface (Debian libopenblas-dev); pkg-config `openblas` adds the include path.
#include <cblas.h>
