#include "core/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace xinyong {

Status CryptoInit() {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  return Status::Ok();
}

std::string Sha256Hex(std::string_view data) {
  // OpenSSL 3's one-shot SHA256() looks the algorithm up in its provider registry (a fetch
  // under a lock) on every call; fetched once here, each hash is only the digest itself. The
  // fetched algorithm is never freed: it lives as long as the process.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  unsigned int len = 0;
  if (!sha256 || EVP_Digest(data.data(), data.size(), digest.data(), &len, sha256, nullptr) != 1 ||
      len != digest.size()) {
    // Only without a working default provider (a broken OpenSSL install); the one-shot call
    // gives the same digest the slow way.
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  }
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

Result<std::string> Base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return InvalidArgument("not valid Base64");
  }
  out.resize(len);
  return out;
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &len);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), len));
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xF]);
  }
  return out;
}

Result<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return InvalidArgument("hex text has an odd number of characters");
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return InvalidArgument("character " + std::to_string(hi < 0 ? i + 1 : i + 2) +
                             " of the hex text is not a hex digit");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string RandomHex(size_t bytes) {
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), buf.size());
  return HexEncode(buf);
}

std::string RandomCaseCode() {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) out.push_back('-');
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return out;
}

std::string NormaliseCaseCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  const bool old_hex = out.size() == 32 && std::all_of(out.begin(), out.end(), [](char c) {
                         return std::isxdigit(static_cast<unsigned char>(c));
                       });
  if (old_hex) {
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string RandomPassword(size_t length) {
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return out;
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Unavailable("not enough memory to hash the password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  std::string h(stored_hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

Result<FieldCipher> FieldCipher::FromHexKey(std::string_view hex_key) {
  if (hex_key.size() != 64) {
    return InvalidArgument("secret_key must be 64 hex characters (32 bytes), got " +
                           std::to_string(hex_key.size()) + " characters");
  }
  XY_ASSIGN_OR_RETURN(std::string master, HexDecode(hex_key));
  static_assert(crypto_kdf_KEYBYTES == 32);
  FieldCipher c;
  c.enc_key_.assign(crypto_secretbox_KEYBYTES, '\0');
  c.hash_key_.assign(crypto_generichash_KEYBYTES, '\0');
  const auto* mk = reinterpret_cast<const unsigned char*>(master.data());
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(c.enc_key_.data()), c.enc_key_.size(),
                             1, "xyfield_", mk);
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(c.hash_key_.data()),
                             c.hash_key_.size(), 2, "xyfield_", mk);
  return c;
}

std::string FieldCipher::Encrypt(std::string_view plaintext) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(enc_key_.data()));
  return HexEncode(out);
}

Result<std::string> FieldCipher::Decrypt(std::string_view sealed_hex) const {
  XY_ASSIGN_OR_RETURN(std::string sealed, HexDecode(sealed_hex));
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return InvalidArgument("encrypted field is too short");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  size_t clen = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string out(clen - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, clen, nonce,
                                 reinterpret_cast<const unsigned char*>(enc_key_.data())) != 0) {
    return InvalidArgument("encrypted field failed authentication (altered, or another key)");
  }
  return out;
}

std::string FieldCipher::LookupHash(std::string_view plaintext) const {
  std::array<unsigned char, 32> h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                     plaintext.size(), reinterpret_cast<const unsigned char*>(hash_key_.data()),
                     hash_key_.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<PlatformSigner> PlatformSigner::FromHexKey(std::string_view hex_key) {
  if (hex_key.size() != 64) {
    return InvalidArgument("secret_key must be 64 hex characters (32 bytes), got " +
                           std::to_string(hex_key.size()) + " characters");
  }
  XY_ASSIGN_OR_RETURN(std::string master, HexDecode(hex_key));
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  static_assert(crypto_sign_SEEDBYTES == 32);
  crypto_kdf_derive_from_key(seed.data(), seed.size(), 3, "xyfield_",
                             reinterpret_cast<const unsigned char*>(master.data()));
  PlatformSigner s;
  s.public_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  s.secret_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(s.public_.data()),
                           reinterpret_cast<unsigned char*>(s.secret_.data()), seed.data());
  sodium_memzero(seed.data(), seed.size());
  return s;
}

std::string PlatformSigner::PublicKeyBase64() const { return Base64Encode(public_); }

std::string PlatformSigner::KeyId() const { return Sha256Hex(public_).substr(0, 16); }

std::string PlatformSigner::SignBase64(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_.data()));
  return Base64Encode(sig);
}

bool PlatformSigner::Verify(std::string_view public_key_base64, std::string_view message,
                            std::string_view signature_base64) {
  auto key = Base64Decode(public_key_base64);
  auto sig = Base64Decode(signature_base64);
  if (!key.ok() || !sig.ok() || key->size() != crypto_sign_PUBLICKEYBYTES ||
      sig->size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(key->data())) == 0;
}

}  // namespace xinyong
