// SPDX-License-Identifier: Apache-2.0
/**
 * The server side of Violetear for Java: the app and its settings ({@code dev.violetear.app}); the
 * markup DSL it renders lives in the API module. Everything under {@code dev.violetear.internal}
 * stays inside the framework.
 */
module dev.violetear.server {
  requires transitive dev.violetear.api;
  requires dev.violetear.model;
  requires io.javalin;
  requires jakarta.servlet;
  // The open-files limit, for Limits.maxConnections' default.
  requires java.management;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires org.eclipse.jetty.websocket.core.common;
  requires org.eclipse.jetty.websocket.core.server;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires org.slf4j;

  exports dev.violetear.app;
  // The fault hooks that violetear-testing implements; no app can reach them.
  exports dev.violetear.internal.hooks to
      dev.violetear.testing;

  uses dev.violetear.internal.hooks.ServerHooks;

  provides dev.violetear.internal.MarkupHooks.Resolver with
      dev.violetear.internal.web.ServerMarkup;
}
