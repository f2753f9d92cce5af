// zlib for gzip input/output of CSV files (Debian zlib1g-dev).
#include <zlib.h>
