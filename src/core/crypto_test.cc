#include "core/crypto.h"

#include <gtest/gtest.h>

#include <set>

#include <string>

namespace xinyong {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(CryptoInit().ok()); }
};

TEST_F(CryptoTest, Sha256KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // FIPS 180-2's other vectors: the empty message, two blocks, a million 'a's.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(CryptoTest, Base64DecodesRfc4648AndRefusesGarbage) {
  EXPECT_EQ(*Base64Decode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(*Base64Decode("Zm9v\nYg=="), "foob");
  EXPECT_FALSE(Base64Decode("Zm9v!").ok());
}

TEST_F(CryptoTest, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(CryptoTest, HexRoundTripAndErrors) {
  EXPECT_EQ(*HexDecode(HexEncode(std::string("\x00\xff\x10", 3))), std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(HexDecode("abc").ok());
  auto bad = HexDecode("zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("character 1"), std::string::npos);
}

TEST_F(CryptoTest, PasswordHashIsArgon2idAndVerifies) {
  auto h = HashPassword("correct horse");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse "));
}

TEST_F(CryptoTest, FieldCipherEncryptsAndLooksUp) {
  auto c = FieldCipher::FromHexKey(std::string(64, 'a'));
  ASSERT_TRUE(c.ok());
  std::string id = "11010519491231002X";
  std::string s1 = c->Encrypt(id), s2 = c->Encrypt(id);
  EXPECT_NE(s1, s2) << "random nonce: equal plaintexts must not give equal ciphertexts";
  EXPECT_EQ(s1.find(id), std::string::npos);
  EXPECT_EQ(*c->Decrypt(s1), id);
  EXPECT_EQ(c->LookupHash(id), c->LookupHash(id));
  EXPECT_NE(c->LookupHash(id), c->LookupHash("110105194912310021"));

  std::string tampered = s1;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(c->Decrypt(tampered).ok());

  auto other = FieldCipher::FromHexKey(std::string(64, 'b'));
  EXPECT_FALSE(other->Decrypt(s1).ok());
  EXPECT_NE(other->LookupHash(id), c->LookupHash(id));
}

TEST_F(CryptoTest, FieldCipherRejectsBadKey) {
  auto c = FieldCipher::FromHexKey("abcd");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("64 hex"), std::string::npos);
}

TEST_F(CryptoTest, CaseCodesAreShortReadableAndTypedBackAnyWay) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = RandomCaseCode();
    ASSERT_EQ(code.size(), 9u) << code;
    EXPECT_EQ(code[4], '-');
    for (char c : code) EXPECT_EQ(std::string("0O1IL").find(c), std::string::npos) << code;
    seen.insert(code);
    EXPECT_EQ(NormaliseCaseCode(code), code.substr(0, 4) + code.substr(5));
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(NormaliseCaseCode(" k7qm 3xrd "), "K7QM3XRD");
  EXPECT_EQ(NormaliseCaseCode("k7qm-3xrd"), "K7QM3XRD");
  // A code issued before (32 hex digits) is typed back in either case.
  EXPECT_EQ(NormaliseCaseCode("0123456789ABCDEF0123456789abcdef"),
            "0123456789abcdef0123456789abcdef");
}

}  // namespace
}  // namespace xinyong

namespace xinyong {
namespace {

// The platform's Ed25519 key: the same master key gives the same key pair; a signature
// verifies under the published key and fails for another message, key or a changed byte.
TEST(PlatformSignerTest, SignsAndVerifiesWithAKeyDerivedFromTheMasterKey) {
  ASSERT_TRUE(CryptoInit().ok());
  auto a = PlatformSigner::FromHexKey(std::string(64, '9'));
  auto again = PlatformSigner::FromHexKey(std::string(64, '9'));
  auto other = PlatformSigner::FromHexKey(std::string(64, '8'));
  ASSERT_TRUE(a.ok() && again.ok() && other.ok());
  EXPECT_EQ(a->PublicKeyBase64(), again->PublicKeyBase64());
  EXPECT_NE(a->PublicKeyBase64(), other->PublicKeyBase64());
  EXPECT_EQ(a->PublicKeyBase64().size(), 44u) << "32 bytes in Base64";
  EXPECT_EQ(a->KeyId().size(), 16u);
  const std::string sig = a->SignBase64("报告内容");
  EXPECT_TRUE(PlatformSigner::Verify(a->PublicKeyBase64(), "报告内容", sig));
  EXPECT_FALSE(PlatformSigner::Verify(a->PublicKeyBase64(), "报告内容。", sig));
  EXPECT_FALSE(PlatformSigner::Verify(other->PublicKeyBase64(), "报告内容", sig));
  std::string bent = sig;
  bent[3] = bent[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(PlatformSigner::Verify(a->PublicKeyBase64(), "报告内容", bent));
  EXPECT_FALSE(PlatformSigner::Verify("not base64!", "报告内容", sig));
  EXPECT_EQ(PlatformSigner::FromHexKey("abc").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Base64Decode(Base64Encode("\x01\x02\xff")).value(), "\x01\x02\xff");
}

}  // namespace
}  // namespace xinyong
