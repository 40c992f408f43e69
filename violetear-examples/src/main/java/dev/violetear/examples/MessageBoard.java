// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages of the showcase's message list, with their likes: a service the app provides to its
 * handlers and fragments (a real app would keep them in a database). It keeps the latest {@value
 * #MAX_MESSAGES}.
 *
 * <pre>{@code
 * app.provide(MessageBoard.class, new MessageBoard());
 * List<Message> newest = App.current().service(MessageBoard.class).before(Integer.MAX_VALUE, 5);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MessageBoard {
  static final int MAX_MESSAGES = 200;

  /** One message: ids follow the order of posting, so an older message has a smaller id. */
  public record Message(int id, String text, int likes) {}

  // Oldest first; guarded by "this".
  private final List<Message> messages = new ArrayList<>();
  private int lastId;

  /** Adds a message with the next id, and returns it. */
  public synchronized Message add(String text) {
    Message message = new Message(++lastId, text, 0);
    messages.add(message);
    if (messages.size() > MAX_MESSAGES) {
      messages.remove(0);
    }
    return message;
  }

  /** Returns the message with this id, if the board still has it. */
  public synchronized Optional<Message> find(int id) {
    return messages.stream().filter(m -> m.id() == id).findFirst();
  }

  /** Adds a like to the message with this id; returns false when the board no longer has it. */
  public synchronized boolean like(int id) {
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.id() == id) {
        messages.set(i, new Message(id, m.text(), m.likes() + 1));
        return true;
      }
    }
    return false;
  }

  /** Returns up to {@code count} messages older than the id {@code before}, newest first. */
  public synchronized List<Message> before(int before, int count) {
    List<Message> page = new ArrayList<>();
    for (int i = messages.size() - 1; i >= 0 && page.size() < count; i--) {
      if (messages.get(i).id() < before) {
        page.add(messages.get(i));
      }
    }
    return page;
  }

  /** Whether the board has a message older than the id {@code before}. */
  public synchronized boolean hasBefore(int before) {
    return !messages.isEmpty() && messages.get(0).id() < before;
  }

  /** How many messages the board holds. */
  public synchronized int size() {
    return messages.size();
  }
}
