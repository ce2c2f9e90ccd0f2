#include "imaging/image_kind.hpp"

namespace simreg::imaging {

std::optional<ImageKind> parse_image_kind(std::string_view name) {
  for (ImageKind kind : kAllImageKinds) {
    if (image_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view image_kind_name(ImageKind kind) {
  switch (kind) {
    case ImageKind::id_front: return "id_front";
    case ImageKind::id_back: return "id_back";
    case ImageKind::passport: return "passport";
    case ImageKind::selfie: return "selfie";
  }
  return "id_front";  // unreachable: the switch covers every enumerator (-Wswitch keeps it so)
}

FacePolicy face_policy(ImageKind kind) {
  switch (kind) {
    case ImageKind::selfie: return FacePolicy::exactly_one;
    case ImageKind::id_front:
    case ImageKind::passport: return FacePolicy::at_least_one;
    case ImageKind::id_back: return FacePolicy::none;
  }
  return FacePolicy::none;
}

bool is_document(ImageKind kind) { return kind != ImageKind::selfie; }

}  // namespace simreg::imaging
