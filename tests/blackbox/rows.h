// Rows as a department's system sends them to POST /api/v1/records, for the black-box tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace xytest {

// What the tests vary in a fine (行政处罚, item CF) for 虚假宣传 by 南京市市场监督管理局.
struct PenaltyOf {
  std::string name = "南京某某科技有限公司";  // CF_XDR_MC
  std::string uscc = "91320100748204660Q";    // CF_XDR_SHXYM
  std::string document;                       // CF_WSH, the 行政处罚决定书文号
  std::string decided;                        // CF_JDRQ, YYYY-MM-DD
  std::string department = "11320100MB1886843H";  // CF_CFJGDM and CF_SJLYDM
};

// One CF row of 2.5 万元 with every required field of the 双公示 standard.
inline nlohmann::json PenaltyRow(const PenaltyOf& p) {
  return {{"CF_XDR_MC", p.name},
          {"CF_XDR_LB", "法人及非法人组织"},
          {"CF_XDR_SHXYM", p.uscc},
          {"CF_FRDB", "张三"},
          {"CF_WSH", p.document},
          {"CF_WFXW", "虚假宣传"},
          {"CF_SY", "发布虚假广告"},
          {"CF_YJ", "《中华人民共和国广告法》第五十五条"},
          {"CF_CFLB", "罚款"},
          {"CF_NR", "罚款"},
          {"CF_NR_FK", 2.5},
          {"CF_JDRQ", p.decided},
          {"CF_CFJG", "南京市市场监督管理局"},
          {"CF_CFJGDM", p.department},
          {"CF_SJLY", "南京市市场监督管理局"},
          {"CF_SJLYDM", p.department}};
}

}  // namespace xytest
