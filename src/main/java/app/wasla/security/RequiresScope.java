package app.wasla.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an /api handler needs, on the method or its controller (the method's wins). Checked by
 * {@code api/ApiScopeInterceptor} against the handler Spring actually routed to; a handler under
 * /api without it is refused.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {
  Scope value();
}
