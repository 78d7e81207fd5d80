/* atomicfile: being written. */
typedef int ind_placeholder_atomicfile;
