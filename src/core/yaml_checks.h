// Checks shared by the loaders of policy files (calendar, catalogue, measures). Include only
// from loader .cc files: it pulls in yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace xinyong {

// " (line N)" for a node that came from a file, "" otherwise.
std::string YamlLine(const YAML::Node& node);

// Refuses a mapping with unknown, repeated or (from `required`) missing keys, naming the key,
// the line and, for an unknown key, the keys allowed.
// The YAML file at `path`; invalid_argument "<file> line N: not valid YAML: ..." otherwise.
Result<YAML::Node> LoadYamlFile(const std::filesystem::path& path, const std::string& file);

// A non-empty scalar under `key` of `map`; invalid_argument naming `where`, the line and the key.
Result<std::string> YamlText(const YAML::Node& map, const std::string& key,
                             const std::string& where);

// The list of non-empty strings under `key` of `map` (none when the key is absent);
// invalid_argument "<where>.<key> (line N): 应为列表" or naming the item that is not one.
Result<std::vector<std::string>> YamlStrings(const YAML::Node& map, const char* key,
                                             const std::string& where);

// An integer in [lo, hi]; invalid_argument "<where> (line N): 应为lo到hi之间的整数" otherwise.
Result<int> YamlInt(const YAML::Node& node, const std::string& where, int lo, int hi);

Status CheckYamlKeys(const YAML::Node& map, const std::string& where,
                     const std::set<std::string>& allowed, const std::set<std::string>& required);

}  // namespace xinyong
