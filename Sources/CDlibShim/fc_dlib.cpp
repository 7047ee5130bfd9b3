// A thin C API over dlib's face detector, shape predictor and face descriptor network.
// It owns no global state; each fc_dlib handle holds its own models. Not thread-safe per handle.
#include "fc_dlib.h"

#include <dlib/dnn.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>

namespace {

// dlib's face recognition network (dlib_face_recognition_resnet_model_v1), as defined in dlib's example
// dnn_face_recognition_ex.cpp: a ResNet-29 variant producing a 128-D embedding.
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = dlib::add_prev1<block<N, BN, 1, dlib::tag1<SUBNET>>>;
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = dlib::add_prev2<dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<block<N, BN, 2, dlib::tag1<SUBNET>>>>>>;
template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, stride, stride, SUBNET>>>>>;
template <int N, typename SUBNET> using ares = dlib::relu<residual<block, N, dlib::affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = dlib::relu<residual_down<block, N, dlib::affine, SUBNET>>;
template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;
using anet_type = dlib::loss_metric<dlib::fc_no_bias<128, dlib::avg_pool_everything<
    alevel0<alevel1<alevel2<alevel3<alevel4<dlib::max_pool<3, 3, 2, 2, dlib::relu<dlib::affine<
    dlib::con<32, 7, 7, 2, 2, dlib::input_rgb_image_sized<150>>>>>>>>>>>>>;

void write_error(char *err, int errlen, const char *what) {
    if (err && errlen > 0) {
        std::snprintf(err, static_cast<size_t>(errlen), "%s", what);
    }
}

dlib::matrix<dlib::rgb_pixel> to_matrix(const uint8_t *rgb, int width, int height) {
    dlib::matrix<dlib::rgb_pixel> img(height, width);
    const uint8_t *p = rgb;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x, p += 3) {
            img(y, x) = dlib::rgb_pixel(p[0], p[1], p[2]);
        }
    }
    return img;
}

dlib::full_object_detection to_shape(const double *landmarks136) {
    double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
    std::vector<dlib::point> parts(68);
    for (int i = 0; i < 68; ++i) {
        const double x = landmarks136[2 * i], y = landmarks136[2 * i + 1];
        parts[i] = dlib::point(static_cast<long>(x + 0.5), static_cast<long>(y + 0.5));
        minx = std::min(minx, x); miny = std::min(miny, y);
        maxx = std::max(maxx, x); maxy = std::max(maxy, y);
    }
    dlib::rectangle box(static_cast<long>(minx), static_cast<long>(miny), static_cast<long>(maxx), static_cast<long>(maxy));
    return dlib::full_object_detection(box, parts);
}

}  // namespace

struct fc_dlib {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor predictor;
    std::unique_ptr<anet_type> descriptor_net;
};

extern "C" fc_dlib *fc_dlib_create(const char *shape_model_path, char *err, int errlen) {
    try {
        auto handle = std::make_unique<fc_dlib>();
        dlib::deserialize(shape_model_path) >> handle->predictor;
        return handle.release();
    } catch (const std::exception &e) {
        write_error(err, errlen, e.what());
        return nullptr;
    }
}

extern "C" void fc_dlib_destroy(fc_dlib *handle) { delete handle; }

extern "C" int fc_dlib_load_descriptor_model(fc_dlib *handle, const char *path, char *err, int errlen) {
    try {
        auto net = std::make_unique<anet_type>();
        dlib::deserialize(path) >> *net;
        handle->descriptor_net = std::move(net);
        return 0;
    } catch (const std::exception &e) {
        write_error(err, errlen, e.what());
        return -1;
    }
}

extern "C" int fc_dlib_detect(fc_dlib *handle, const uint8_t *rgb, int width, int height, int upsample,
                              double *boxes, double *scores, int max, char *err, int errlen) {
    try {
        dlib::array2d<unsigned char> gray(height, width);
        const uint8_t *p = rgb;
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x, p += 3) {
                gray[y][x] = static_cast<unsigned char>((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
            }
        }
        double scale = 1.0;
        for (int i = 0; i < upsample; ++i) {
            dlib::pyramid_up(gray);
            scale *= 2.0;
        }
        std::vector<dlib::rect_detection> found;
        handle->detector(gray, found, 0.0);
        const int n = static_cast<int>(found.size());
        for (int i = 0; i < n && i < max; ++i) {
            const dlib::rectangle &r = found[i].rect;
            boxes[4 * i + 0] = r.left() / scale;
            boxes[4 * i + 1] = r.top() / scale;
            boxes[4 * i + 2] = r.width() / scale;
            boxes[4 * i + 3] = r.height() / scale;
            scores[i] = found[i].detection_confidence;
        }
        return n;
    } catch (const std::exception &e) {
        write_error(err, errlen, e.what());
        return -1;
    }
}

extern "C" int fc_dlib_landmarks(fc_dlib *handle, const uint8_t *rgb, int width, int height, const double *box,
                                 double *out136, char *err, int errlen) {
    try {
        dlib::array2d<unsigned char> gray(height, width);
        const uint8_t *p = rgb;
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x, p += 3) {
                gray[y][x] = static_cast<unsigned char>((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
            }
        }
        const dlib::rectangle r(static_cast<long>(box[0]), static_cast<long>(box[1]),
                                static_cast<long>(box[0] + box[2] - 1), static_cast<long>(box[1] + box[3] - 1));
        const dlib::full_object_detection shape = handle->predictor(gray, r);
        if (shape.num_parts() != 68) {
            write_error(err, errlen, "shape predictor did not return 68 points");
            return -1;
        }
        for (unsigned long i = 0; i < 68; ++i) {
            out136[2 * i] = shape.part(i).x();
            out136[2 * i + 1] = shape.part(i).y();
        }
        return 0;
    } catch (const std::exception &e) {
        write_error(err, errlen, e.what());
        return -1;
    }
}

extern "C" int fc_dlib_descriptor(fc_dlib *handle, const uint8_t *rgb, int width, int height,
                                  const double *landmarks136, double *out128, char *err, int errlen) {
    if (!handle->descriptor_net) {
        write_error(err, errlen, "face descriptor model not loaded");
        return -1;
    }
    try {
        const dlib::matrix<dlib::rgb_pixel> img = to_matrix(rgb, width, height);
        dlib::matrix<dlib::rgb_pixel> chip;
        dlib::extract_image_chip(img, dlib::get_face_chip_details(to_shape(landmarks136), 150, 0.25), chip);
        const dlib::matrix<float, 0, 1> d = (*handle->descriptor_net)(chip);
        for (int i = 0; i < 128; ++i) out128[i] = d(i);
        return 0;
    } catch (const std::exception &e) {
        write_error(err, errlen, e.what());
        return -1;
    }
}
