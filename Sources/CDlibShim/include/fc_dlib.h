#ifndef FC_DLIB_H
#define FC_DLIB_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/// Opaque detector + 68-point shape predictor (+ optional 128-D face descriptor network).
typedef struct fc_dlib fc_dlib;

/// Loads the HOG face detector and the shape predictor from `shape_model_path`.
/// Returns NULL on failure and writes a message into err (NUL-terminated, at most errlen bytes).
fc_dlib *fc_dlib_create(const char *shape_model_path, char *err, int errlen);
void fc_dlib_destroy(fc_dlib *handle);

/// Loads dlib's face recognition ResNet (dlib_face_recognition_resnet_model_v1.dat). 0 on success.
int fc_dlib_load_descriptor_model(fc_dlib *handle, const char *path, char *err, int errlen);

/// Detects faces in an 8-bit RGB image (rows packed, 3 bytes per pixel).
/// Writes up to max boxes as (left, top, width, height) into boxes and detection scores into scores.
/// upsample: how many times to double the image first (0 or 1). Returns the number of faces found (may exceed max), or -1 on error.
int fc_dlib_detect(fc_dlib *handle, const uint8_t *rgb, int width, int height, int upsample,
                   double *boxes, double *scores, int max, char *err, int errlen);

/// Fits the 68 landmarks inside box (left, top, width, height); writes 136 doubles (x0, y0, x1, y1, …). 0 on success.
int fc_dlib_landmarks(fc_dlib *handle, const uint8_t *rgb, int width, int height, const double *box,
                      double *out136, char *err, int errlen);

/// Computes the 128-D descriptor of the face with the given 68 landmarks (x0, y0, …). 0 on success.
int fc_dlib_descriptor(fc_dlib *handle, const uint8_t *rgb, int width, int height, const double *landmarks136,
                       double *out128, char *err, int errlen);

#ifdef __cplusplus
}
#endif
#endif
