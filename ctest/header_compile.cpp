/*
 * header_compile.cpp - compiles every public header, twice each (to exercise
 * the include guards), as C++. The build compiles it as C++17 with warnings
 * as errors; it declares nothing of its own.
 */
#define SECURITY_WIN32
#include "windows.h"
#include "security.h"
#include "sspi.h"
#include "schannel.h"
#include "wincrypt.h"
#if defined(__has_include)
#if __has_include("schannel_linux.h")
#include "schannel_linux.h"
#include "schannel_linux.h"
#endif
#endif
#include "windows.h"
#include "security.h"
#include "sspi.h"
#include "schannel.h"
#include "wincrypt.h"

int main() { return 0; }
