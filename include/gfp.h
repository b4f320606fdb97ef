/* SPDX-License-Identifier: GPL-2.0 */
/* Allocation flags: which zones a page may come from, and zeroing. */
#ifndef _GFP_H
#define _GFP_H

typedef unsigned int gfp_t;

#define __GFP_HIGHMEM	0x01u	/* may come from ZONE_HIGHMEM (tried first) */
#define __GFP_ZERO	0x02u	/* clear the pages */
#define __GFP_NOWARN	0x04u	/* no message on failure */

#define GFP_KERNEL	0u			/* lowmem: has a kernel address */
#define GFP_HIGHUSER	(__GFP_HIGHMEM)		/* user pages: highmem first */

#endif
