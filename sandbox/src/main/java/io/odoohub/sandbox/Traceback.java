package io.odoohub.sandbox;

/** Builds fault-1 texts shaped like the tracebacks a real Odoo 18 server prints. */
final class Traceback {

    static final String RPC_HEAD = """
              File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 165, in xmlrpc_2
                response = self._xmlrpc(service)
                           ^^^^^^^^^^^^^^^^^^^^^
            """;

    static final String DISPATCH = RPC_HEAD + """
              File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 139, in _xmlrpc
                result = dispatch_rpc(service, method, params)
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/http.py", line 412, in dispatch_rpc
                return dispatch(method, params)
                       ^^^^^^^^^^^^^^^^^^^^^^^^
            """;

    static final String EXECUTE_KW = DISPATCH + """
              File "/opt/odoo/odoo/service/model.py", line 58, in dispatch
                res = execute_kw(db, uid, *params[3:])
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 81, in execute_kw
                return execute(db, uid, obj, method, *args, **kw or {})
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 87, in execute
                res = execute_cr(cr, uid, obj, method, *args, **kw)
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 72, in execute_cr
                result = retrying(partial(odoo.api.call_kw, recs, method, args, kw), env)
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 156, in retrying
                result = func()
                         ^^^^^^
              File "/opt/odoo/odoo/api.py", line 535, in call_kw
                result = getattr(recs, name)(*args, **kwargs)
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            """;

    static final String GET_PUBLIC_METHOD = DISPATCH + """
              File "/opt/odoo/odoo/service/model.py", line 58, in dispatch
                res = execute_kw(db, uid, *params[3:])
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 71, in execute_cr
                get_public_method(recs, method)  # Don't use the result, call_kw will redo the getattr
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/service/model.py", line 38, in get_public_method
                raise AttributeError(f"The method '{model._name}.{name}' does not exist")  # noqa: TRY004
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            """;

    static final String MARSHAL = RPC_HEAD + """
              File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 140, in _xmlrpc
                return dumps((result,))
                       ^^^^^^^^^^^^^^^^
              File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 114, in dumps
                response = OdooMarshaller(allow_none=False).dumps(params)
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/usr/lib/python3/xmlrpc/client.py", line 514, in dumps
                dump(v, write)
              File "/usr/lib/python3/xmlrpc/client.py", line 536, in __dump
                f(self, value, write)
            """;

    static final String PARSE = RPC_HEAD + """
              File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 138, in _xmlrpc
                params, method = xmlrpc.client.loads(data, use_datetime=True)
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/usr/lib/python3/xmlrpc/client.py", line 1030, in loads
                p.close()
            """;

    static final String COMMON = DISPATCH + """
              File "/opt/odoo/odoo/service/common.py", line 60, in dispatch
                raise Exception("Method not found: %s" % method)
            """;

    static final String SQL = EXECUTE_KW + """
              File "/opt/odoo/odoo/sql_db.py", line 357, in execute
                res = self._obj.execute(query, params)
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            """;

    private Traceback() {
    }

    static String format(String frames, String pyType, String message) {
        return "Traceback (most recent call last):\n" + frames + pyType + (message == null || message.isEmpty() ? "" : ": " + message) + "\n";
    }
}
