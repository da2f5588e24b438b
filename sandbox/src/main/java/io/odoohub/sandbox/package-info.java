/**
 * An XML-RPC server that answers like Odoo 18.0, for tests and the runtime's demo.
 *
 * <p>{@link io.odoohub.sandbox.OdooSandbox} is the public face (start, url, fault injection, counters, in-process
 * reads). Behind it, one generic in-memory ORM: a model is a list of {@code Field} definitions ({@code Seed}), rows
 * change only through {@code Orm}'s journaled primitives so every execute_kw is undone whole on error, {@code Domain}
 * evaluates Odoo domains, {@code Loader} is Odoo's {@code load}, {@code Methods} maps execute_kw method names, and
 * {@code ModelBehaviour} holds the little that is model-specific (sequences, actions, custom x_ models and fields).
 * Adding a model is one {@code model(...)} call in {@code Seed} with its fields.
 */
package io.odoohub.sandbox;
