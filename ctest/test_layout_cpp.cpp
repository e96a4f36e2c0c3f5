/*
 * test_layout_cpp.cpp - runs the layout checks of test_layout.c compiled as
 * C++, so that the headers are known to give C++ callers the same Windows x64
 * layouts, constants and prototypes as C callers (static_assert and
 * decltype-based prototype checks included). The checks themselves live in
 * test_layout.c, written in the common subset of C and C++.
 */
#include "test_layout.c"
