// The sherpa-onnx C API from PyPI `sherpa-onnx-core` (installed into .deps/ by scripts/bootstrap.sh).
// Package.swift adds the library folder to the link and to the rpath.
#include "../../.deps/sherpa_onnx/include/sherpa-onnx/c-api/c-api.h"
