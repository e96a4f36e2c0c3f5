/*
 * security.h - the umbrella header Windows code includes to get the SSPI:
 *
 *     #define SECURITY_WIN32
 *     #include <security.h>
 *
 * Here it simply includes sspi.h. SECURITY_WIN32 (or SECURITY_KERNEL /
 * SECURITY_MAC) is accepted but not required: on Windows the header refuses
 * to compile without one of them, this one does not.
 *
 * Differences from Windows: the Windows security.h also pulls in the NTLM,
 * Kerberos and credential-UI declarations; only the Schannel SSPI exists here.
 */
#ifndef SECUR32_SECURITY_H
#define SECUR32_SECURITY_H

#include "sspi.h"

#endif /* SECUR32_SECURITY_H */
