// What every use case needs, wired once in src/app. Holds references only; the objects
// outlive the services. All referenced objects are thread-safe.
#pragma once

namespace xinyong {

class Store;
class Clock;
class FieldCipher;
class DivisionTable;
class WorkingCalendar;

struct ServiceContext {
  Store& store;
  const Clock& clock;
  const FieldCipher& cipher;
  const DivisionTable& divisions;
  const WorkingCalendar& calendar;
};

}  // namespace xinyong
