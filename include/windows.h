/*
 * windows.h - the small part of <windows.h> that a Schannel server needs,
 * so that code written for Windows compiles unchanged against libsecur32:
 * the base types (wintypes.h) and the crypt32 subset (wincrypt.h).
 */
#ifndef SECUR32_WINDOWS_H
#define SECUR32_WINDOWS_H
#include "wintypes.h"
#include "wincrypt.h"
#endif
