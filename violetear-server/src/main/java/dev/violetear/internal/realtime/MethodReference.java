// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * The method that a serializable method reference names. A method reference carries no name at run
 * time; the only standard way to read its target is the {@link SerializedLambda} that javac's
 * generated {@code writeReplace} returns for a serializable functional interface, which is why the
 * framework's reference types ({@code ClientCall.OfN}, the markup's callbacks) are {@link
 * Serializable}. Callers phrase their own errors from what this finds. Internal: no compatibility.
 *
 * @param owner the class that declares the target, or that declares the lambda
 * @param methodName the target's name; {@code lambda$...} for a lambda, {@code <init>} for a
 *     constructor reference
 * @param method the target method, or null for a lambda's body or a constructor
 * @param isLambda whether the reference is a lambda expression, not a method reference
 */
public record MethodReference(Class<?> owner, String methodName, Method method, boolean isLambda) {

  /**
   * Reads the target of {@code reference}.
   *
   * @return the target, or null when {@code reference} is no lambda or method reference (an
   *     instance of an ordinary class)
   * @throws ReflectiveOperationException or {@link RuntimeException} when the serialized form
   *     cannot be read, for example because a named module does not open its package
   */
  public static MethodReference read(Serializable reference) throws ReflectiveOperationException {
    Method writeReplace;
    try {
      writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
    } catch (NoSuchMethodException e) {
      return null;
    }
    writeReplace.setAccessible(true);
    if (!(writeReplace.invoke(reference) instanceof SerializedLambda lambda)) {
      return null;
    }
    Class<?> owner = load(lambda.getImplClass(), reference.getClass().getClassLoader());
    String name = lambda.getImplMethodName();
    boolean isLambda = name.startsWith("lambda$");
    Method method =
        isLambda || lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial
            ? null
            : find(owner, name, lambda.getImplMethodSignature());
    return new MethodReference(owner, name, method, isLambda);
  }

  private static Class<?> load(String slashedName, ClassLoader loader)
      throws ClassNotFoundException {
    // The lambda's own loader defined the class that captured it, so this finds it.
    return Class.forName(slashedName.replace('/', '.'), false, loader);
  }

  // A static method referenced through a subclass may be declared on a superclass.
  private static Method find(Class<?> type, String name, String descriptor) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name)
            && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString()
                .equals(descriptor)) {
          return m;
        }
      }
    }
    return null;
  }
}
