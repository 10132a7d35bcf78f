// Kazakh and Russian personal names, organization names and region names (Cyrillic, UTF-8).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace coigraph::generator {

struct Surname {
  std::string_view male;
  std::string_view female;
  bool kazakh;
};
struct MaleName {
  std::string_view name;
  std::string_view patronymic_male;    // of his son
  std::string_view patronymic_female;  // of his daughter
  bool kazakh;
};
struct FemaleName {
  std::string_view name;
  bool kazakh;
};

std::span<const Surname> Surnames();
std::span<const MaleName> MaleNames();
std::span<const FemaleName> FemaleNames();
std::span<const std::string_view> Regions();
std::span<const std::string_view> DepartmentNames();
std::span<const std::string_view> CompanyWords();

}  // namespace coigraph::generator
