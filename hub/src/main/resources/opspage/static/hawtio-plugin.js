/*
 * odoo-hub: the link from Hawtio back to the operator's page. Hawtio 4 imports this file as a module federation remote
 * (the MBean hawtio:type=plugin,name=odoo-hub-ops says where it is). It is a container written by hand, with no build
 * step: init() receives the console's shared modules, get() answers a module whose plugin() adds "Operator's page" to
 * Hawtio's navigation. Opening that entry goes to the page (same origin, same session, so no second login).
 */
var odooHubOps = (function () {
  'use strict';
  var target = '/hawtio/ops/flows';
  var shared = null;

  function load(name) {
    var versions = shared && shared[name];
    var version = versions && Object.keys(versions)[0];
    if (!version) {
      return Promise.reject(new Error('the Hawtio console shares no ' + name));
    }
    return Promise.resolve(versions[version].get()).then(function (factory) { return factory(); });
  }

  return {
    init: function (scope) {
      shared = scope;
    },
    get: function () {
      return Promise.all([load('@hawtio/react'), load('react')]).then(function (modules) {
        var hawtio = modules[0].hawtio;
        var React = modules[1];
        function OperatorsPage() {
          React.useEffect(function () { window.location.assign(target); }, []);
          return React.createElement('p', { style: { padding: '1em' } },
            React.createElement('a', { href: target, id: 'odoo-hub-ops-link' }, "Open the operator's page"));
        }
        return function () {
          return {
            plugin: function () {
              hawtio.addPlugin({
                id: 'odoo-hub-ops',
                title: "Operator's page",
                path: '/odoo-hub-ops',
                order: 1000, // last: Hawtio opens its first plugin after login
                component: OperatorsPage,
                isActive: function () { return Promise.resolve(true); }
              });
            }
          };
        };
      });
    }
  };
})();
