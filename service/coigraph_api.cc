#include "service/coigraph_api.h"

namespace coigraph::service {

CoigraphApi::CoigraphApi(ServiceOptions options)
    : options_(std::move(options)),
      runner_(&options_.auth, options_.audit, options_.clock, options_.anonymous) {
  DefineChecks();
  DefineAnalysts();
  DefineCases();
  DefineOperators();
  DefineAudit();
}

}  // namespace coigraph::service
