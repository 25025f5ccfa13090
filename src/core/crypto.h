// Cryptographic primitives used across Xinyong, behind one small interface:
// SHA-256 (OpenSSL) for the event chain and token digests; libsodium for random tokens,
// argon2id password hashing, and the encryption of natural persons' identifiers at rest.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace xinyong {

// Must be called once before any other function here (idempotent, thread-safe).
Status CryptoInit();

std::string Sha256Hex(std::string_view data);
std::string HexEncode(std::string_view bytes);
// Standard Base64 (RFC 4648, with padding; spaces and line breaks ignored); invalid_argument
// for anything else.
Result<std::string> Base64Decode(std::string_view text);
std::string Base64Encode(std::string_view bytes);

// HMAC-SHA256 of `message` under `key`, hex (webhook signatures).
std::string HmacSha256Hex(std::string_view key, std::string_view message);
Result<std::string> HexDecode(std::string_view hex);

// `bytes` random bytes, hex-encoded (2*bytes characters).
std::string RandomHex(size_t bytes);
// A password a person can type: `length` characters from an alphabet without look-alikes.
std::string RandomPassword(size_t length);

// A 查询码 a person reads from a phone and types back: 8 characters from 31 capitals and
// digits without look-alikes (no 0 O 1 I L), shown as two groups of four ("K7QM-3XRD"): about
// 40 bits, against a case number and a rate-limited lookup.
std::string RandomCaseCode();
// A typed 查询码 as stored and hashed: capitals, without spaces and dashes. Older 32-hex codes
// (any case) come out in lower case, as they were issued.
std::string NormaliseCaseCode(std::string_view typed);

// argon2id (libsodium crypto_pwhash_str, interactive limits). Verification is constant-time.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// Encrypts a sensitive field (a citizen ID number) at rest and gives a keyed hash for exact
// lookup without decrypting. Two independent sub-keys are derived from one 32-byte master
// key. Immutable; safe to share between threads.
class FieldCipher {
 public:
  // `hex_key`: 64 hex characters (32 bytes). invalid_argument otherwise.
  static Result<FieldCipher> FromHexKey(std::string_view hex_key);

  // XSalsa20-Poly1305 with a random nonce; returns hex(nonce || ciphertext).
  std::string Encrypt(std::string_view plaintext) const;
  // invalid_argument if the text was altered or was made with another key.
  Result<std::string> Decrypt(std::string_view sealed_hex) const;
  // Keyed BLAKE2b-256, hex: equal inputs give equal hashes under one key.
  std::string LookupHash(std::string_view plaintext) const;

 private:
  std::string enc_key_;   // 32 bytes
  std::string hash_key_;  // 32 bytes
};

// The platform's signing key (Ed25519, libsodium crypto_sign): what signs credit reports (and,
// later, check answers and exchange batches), so that anyone holding the public key can verify
// a document offline. Derived from the same 32-byte master key as FieldCipher (sub-key 3), so it
// needs no file of its own and backups carry it. Immutable; safe to share between threads.
class PlatformSigner {
 public:
  // `hex_key`: the platform's 64-hex secret_key. invalid_argument otherwise.
  static Result<PlatformSigner> FromHexKey(std::string_view hex_key);

  std::string PublicKeyBase64() const;
  // The first 16 hex characters of the SHA-256 of the public key: names the key in documents.
  std::string KeyId() const;
  // The detached signature of `message`, Base64.
  std::string SignBase64(std::string_view message) const;
  // True when `signature_base64` is a valid Ed25519 signature of `message` under
  // `public_key_base64`; false for anything malformed.
  static bool Verify(std::string_view public_key_base64, std::string_view message,
                     std::string_view signature_base64);

 private:
  std::string secret_;  // crypto_sign_SECRETKEYBYTES
  std::string public_;  // crypto_sign_PUBLICKEYBYTES
};

}  // namespace xinyong
