// zlib, for gzip'd IDX and CSV data files (Foundation on Linux has no gzip API).
#include <zlib.h>
