/**
 * @file indicators/export.h
 * @brief `IND_EXTERN`, the mark of every public function.
 *
 * The library is compiled with hidden visibility: a function is exported
 * from `libindicators.so` only when its declaration carries `IND_EXTERN`.
 * Every public header includes this one, so a function declared anywhere
 * else is internal and stays out of the shared library's symbol table
 * (`nm -D` lists only the documented `ind_` API). Linking the static
 * library is unaffected.
 */
#ifndef INDICATORS_EXPORT_H
#define INDICATORS_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define IND_EXTERN __attribute__((visibility("default")))
#else
#define IND_EXTERN
#endif

#endif /* INDICATORS_EXPORT_H */
