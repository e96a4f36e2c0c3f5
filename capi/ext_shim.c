/*
 * ext_shim.c - the Linux extensions of schannel_linux.h that are not part of
 * crypt32 (status names).
 */
#include "capi.h"
#include "_cgo_export.h"

const char *SchLinuxStatusName(SECURITY_STATUS Status) { return gosspi_StatusString(Status, 0); }

const char *SchLinuxStatusMessage(SECURITY_STATUS Status) { return gosspi_StatusString(Status, 1); }
