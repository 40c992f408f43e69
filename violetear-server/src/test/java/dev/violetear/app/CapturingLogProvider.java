// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the server's and the examples' tests: slf4j-simple as configured in {@code
 * simplelogger.properties} (the file under {@code target/} to read when a test fails), and every
 * line it writes also goes to {@link CapturedLog}, so that a test can check what was logged during
 * itself.
 */
public final class CapturingLogProvider implements SLF4JServiceProvider {
  private final SimpleServiceProvider simple = new SimpleServiceProvider();
  private Factory factory;

  @Override
  public void initialize() {
    simple.initialize();
    factory = new Factory(simple.getLoggerFactory());
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return simple.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return simple.getMDCAdapter();
  }

  @Override
  public String getRequestedApiVersion() {
    return simple.getRequestedApiVersion();
  }

  static final class Factory implements ILoggerFactory {
    private final ILoggerFactory simple;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    Factory(ILoggerFactory simple) {
      this.simple = simple;
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new Capturing(simple.getLogger(n)));
    }
  }

  /** Logs to slf4j-simple and, at the levels it writes, to the running test's capture. */
  private static final class Capturing extends AbstractLogger {
    private final Logger simple;

    Capturing(Logger simple) {
      this.simple = simple;
      this.name = simple.getName();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String message, Object[] args, Throwable cause) {
      StringBuilder line =
          new StringBuilder()
              .append('[')
              .append(Thread.currentThread().getName())
              .append("] ")
              .append(level)
              .append(' ')
              .append(name)
              .append(" - ")
              .append(MessageFormatter.basicArrayFormat(message, args));
      if (cause != null) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace.toString().stripTrailing());
      }
      CapturedLog.add(line.toString());

      LoggingEventBuilder event = simple.atLevel(level);
      if (marker != null) {
        event = event.addMarker(marker);
      }
      if (args != null) {
        for (Object arg : args) {
          event = event.addArgument(arg);
        }
      }
      if (cause != null) {
        event = event.setCause(cause);
      }
      event.log(message);
    }

    @Override
    public boolean isTraceEnabled() {
      return simple.isTraceEnabled();
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return simple.isTraceEnabled(marker);
    }

    @Override
    public boolean isDebugEnabled() {
      return simple.isDebugEnabled();
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return simple.isDebugEnabled(marker);
    }

    @Override
    public boolean isInfoEnabled() {
      return simple.isInfoEnabled();
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return simple.isInfoEnabled(marker);
    }

    @Override
    public boolean isWarnEnabled() {
      return simple.isWarnEnabled();
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return simple.isWarnEnabled(marker);
    }

    @Override
    public boolean isErrorEnabled() {
      return simple.isErrorEnabled();
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return simple.isErrorEnabled(marker);
    }
  }
}
