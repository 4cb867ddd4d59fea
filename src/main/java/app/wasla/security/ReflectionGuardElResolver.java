package app.wasla.security;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Wraps the engine's resolvers so that no expression reaches reflection or the engine's services:
 * JUEL calls any public method of any object it holds, so {@code
 * ${bean.getClass().forName('java.lang.Runtime')}} would otherwise load any class, and {@code
 * ${execution.processEngineServices.identityService}} create users.
 */
final class ReflectionGuardElResolver extends ELResolver {

  static final Set<String> FORBIDDEN_NAMES =
      Set.of(
          "class",
          "getClass",
          "forName",
          "classLoader",
          "getClassLoader",
          "contextClassLoader",
          "getContextClassLoader",
          "loadClass",
          "newInstance",
          "getMethod",
          "getMethods",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getConstructor",
          "getConstructors",
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "getField",
          "getFields",
          "getDeclaredField",
          "getDeclaredFields",
          "invoke",
          "setAccessible",
          "getRuntime",
          "exec",
          "exit",
          "halt",
          "module",
          "getModule",
          "protectionDomain",
          "getProtectionDomain",
          // the engine's services (identities, authorizations, deployments) from execution or task:
          // Java only
          "processEngineServices",
          "getProcessEngineServices",
          "processEngine",
          "getProcessEngine");

  private final ELResolver delegate;

  ReflectionGuardElResolver(ELResolver delegate) {
    this.delegate = delegate;
  }

  private static void check(Object base, Object name) {
    if (base == null) {
      return;
    }
    if (base instanceof Class<?>
        || base instanceof ClassLoader
        || base instanceof Module
        || base instanceof Thread
        || base instanceof Runtime
        || base instanceof ProcessBuilder
        || base instanceof Process
        || base.getClass().getName().startsWith("java.lang.reflect.")
        || base.getClass().getName().startsWith("java.lang.invoke.")) {
      throw new ELException("Expressions may not use " + base.getClass().getName());
    }
    if (name != null && FORBIDDEN_NAMES.contains(name.toString())) {
      throw new ELException("Expressions may not use '" + name + "'");
    }
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    check(base, property);
    return delegate.getValue(context, base, property);
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    check(base, method);
    return delegate.invoke(context, base, method, paramTypes, params);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    check(base, property);
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    check(base, property);
    delegate.setValue(context, base, property, value);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return delegate.isReadOnly(context, base, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return delegate.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return delegate.getCommonPropertyType(context, base);
  }

  @Override
  public Object convertToType(ELContext context, Object obj, Class<?> targetType) {
    return delegate.convertToType(context, obj, targetType);
  }
}
