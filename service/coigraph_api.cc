#include "service/coigraph_api.h"

namespace coigraph::service {

CoigraphApi::CoigraphApi(ServiceOptions options)
    : options_(std::move(options)),
      exports_(options_.exports),
      runner_(&options_.auth, options_.audit, options_.clock, options_.anonymous,
              options_.on_store_writable) {
  DefineChecks();
  DefineAnalysts();
  DefineCases();
  DefineOperators();
  DefineAudit();
}

}  // namespace coigraph::service
