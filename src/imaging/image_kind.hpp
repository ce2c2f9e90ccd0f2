// ImageKind: which picture of an application an upload is (contract ids id_front, id_back, passport,
// selfie) and what each kind demands of faces. Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace simreg::imaging {

enum class ImageKind { id_front, id_back, passport, selfie };

inline constexpr std::array kAllImageKinds{ImageKind::id_front, ImageKind::id_back, ImageKind::passport,
                                           ImageKind::selfie};

std::optional<ImageKind> parse_image_kind(std::string_view name);  // exact, case-sensitive ids
std::string_view image_kind_name(ImageKind kind);

// Every document type the profiles offer carries the holder's photo on its front / data page, so
// those need at least one face; a selfie needs exactly one; a back side needs none.
enum class FacePolicy { none, at_least_one, exactly_one };
FacePolicy face_policy(ImageKind kind);

// Photos of a document (not of a person): framing and glare are checked on these.
bool is_document(ImageKind kind);

}  // namespace simreg::imaging
