// A credit report as an A4 PDF (Cairo + Pango; the CJK font fontconfig finds, embedded as a
// subset): the title, the subject, each section with its records, the signature block, a
// header on every page with the report number and 第x页/共y页, and a QR code (libqrencode) that
// opens the verification page. The file is signed as a whole: a trailer comment after %%EOF
// carries the platform's Ed25519 signature of every byte before it, so that one changed byte
// anywhere fails `xinyong verify-report`. Cairo and Pango stay inside report_pdf.cc.
#pragma once

#include <string>

#include "core/status.h"

namespace xinyong {

class PlatformSigner;

// `content_json` is a report's canonical content; `verify_url` what the QR code opens.
Result<std::string> RenderReportPdf(const std::string& content_json, const std::string& digest,
                                    const std::string& verify_url);

// Appends the signature trailer: "%XINYONG-SIGNATURE <key_id> <Base64>\n".
std::string SignPdf(std::string pdf, const PlatformSigner& signer);

// ok when `file` is a PDF whose trailer signature holds under `public_key_base64` for every
// byte before it; invalid_argument naming what fails.
Status VerifySignedPdf(const std::string& file, const std::string& public_key_base64);

}  // namespace xinyong
