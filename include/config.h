/* SPDX-License-Identifier: GPL-2.0 */
/* Compile-time configuration (what Kconfig would decide in Linux). */
#ifndef _CONFIG_H
#define _CONFIG_H

#define NR_CPUS		32	/* maximum CPUs; more are reported and ignored */

#endif
