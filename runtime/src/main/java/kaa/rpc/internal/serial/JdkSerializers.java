package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serializers for JDK value types that Kryo would otherwise take apart field by field (which the
 * module system forbids): each writes the value's public, stable form.
 */
final class JdkSerializers {
  private JdkSerializers() {}

  /** The serializer to register for {@code type}, or null to let Kryo choose. */
  static Serializer<?> forType(Class<?> type) {
    return SERIALIZERS.get(type);
  }

  private static final Map<Class<?>, Serializer<?>> SERIALIZERS =
      Map.ofEntries(
          Map.entry(UUID.class, new DefaultSerializers.UUIDSerializer()),
          Map.entry(URI.class, new UriSerializer()),
          Map.entry(Locale.class, new LocaleSerializer()),
          Map.entry(Instant.class, new InstantSerializer()),
          Map.entry(Duration.class, new DurationSerializer()),
          Map.entry(LocalDate.class, new LocalDateSerializer()),
          Map.entry(LocalTime.class, new LocalTimeSerializer()),
          Map.entry(LocalDateTime.class, new LocalDateTimeSerializer()),
          Map.entry(OffsetDateTime.class, new OffsetDateTimeSerializer()),
          Map.entry(ZonedDateTime.class, new ZonedDateTimeSerializer()),
          Map.entry(Period.class, new PeriodSerializer()),
          Map.entry(Optional.class, new OptionalSerializer()));

  private abstract static class Immutable<T> extends Serializer<T> {
    Immutable() {
      super(false, true);
    }
  }

  private static final class InstantSerializer extends Immutable<Instant> {
    @Override
    public void write(Kryo kryo, Output out, Instant v) {
      out.writeLong(v.getEpochSecond());
      out.writeInt(v.getNano());
    }

    @Override
    public Instant read(Kryo kryo, Input in, Class<? extends Instant> type) {
      return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
  }

  private static final class DurationSerializer extends Immutable<Duration> {
    @Override
    public void write(Kryo kryo, Output out, Duration v) {
      out.writeLong(v.getSeconds());
      out.writeInt(v.getNano());
    }

    @Override
    public Duration read(Kryo kryo, Input in, Class<? extends Duration> type) {
      return Duration.ofSeconds(in.readLong(), in.readInt());
    }
  }

  private static final class LocalDateSerializer extends Immutable<LocalDate> {
    @Override
    public void write(Kryo kryo, Output out, LocalDate v) {
      out.writeLong(v.toEpochDay());
    }

    @Override
    public LocalDate read(Kryo kryo, Input in, Class<? extends LocalDate> type) {
      return LocalDate.ofEpochDay(in.readLong());
    }
  }

  private static final class LocalTimeSerializer extends Immutable<LocalTime> {
    @Override
    public void write(Kryo kryo, Output out, LocalTime v) {
      out.writeLong(v.toNanoOfDay());
    }

    @Override
    public LocalTime read(Kryo kryo, Input in, Class<? extends LocalTime> type) {
      return LocalTime.ofNanoOfDay(in.readLong());
    }
  }

  private static final class LocalDateTimeSerializer extends Immutable<LocalDateTime> {
    @Override
    public void write(Kryo kryo, Output out, LocalDateTime v) {
      out.writeLong(v.toLocalDate().toEpochDay());
      out.writeLong(v.toLocalTime().toNanoOfDay());
    }

    @Override
    public LocalDateTime read(Kryo kryo, Input in, Class<? extends LocalDateTime> type) {
      return LocalDateTime.of(
          LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
    }
  }

  private static final class OffsetDateTimeSerializer extends Immutable<OffsetDateTime> {
    @Override
    public void write(Kryo kryo, Output out, OffsetDateTime v) {
      out.writeLong(v.toLocalDate().toEpochDay());
      out.writeLong(v.toLocalTime().toNanoOfDay());
      out.writeInt(v.getOffset().getTotalSeconds());
    }

    @Override
    public OffsetDateTime read(Kryo kryo, Input in, Class<? extends OffsetDateTime> type) {
      LocalDateTime local =
          LocalDateTime.of(
              LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(in.readInt()));
    }
  }

  private static final class ZonedDateTimeSerializer extends Immutable<ZonedDateTime> {
    @Override
    public void write(Kryo kryo, Output out, ZonedDateTime v) {
      out.writeLong(v.toLocalDate().toEpochDay());
      out.writeLong(v.toLocalTime().toNanoOfDay());
      out.writeInt(v.getOffset().getTotalSeconds());
      out.writeString(v.getZone().getId());
    }

    @Override
    public ZonedDateTime read(Kryo kryo, Input in, Class<? extends ZonedDateTime> type) {
      LocalDateTime local =
          LocalDateTime.of(
              LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
      return ZonedDateTime.ofLocal(local, ZoneId.of(in.readString()), offset);
    }
  }

  private static final class PeriodSerializer extends Immutable<Period> {
    @Override
    public void write(Kryo kryo, Output out, Period v) {
      out.writeInt(v.getYears());
      out.writeInt(v.getMonths());
      out.writeInt(v.getDays());
    }

    @Override
    public Period read(Kryo kryo, Input in, Class<? extends Period> type) {
      return Period.of(in.readInt(), in.readInt(), in.readInt());
    }
  }

  /** A URI as its string; parsing makes a few substrings of it, charged up front. */
  private static final class UriSerializer extends Immutable<URI> {
    @Override
    public void write(Kryo kryo, Output out, URI v) {
      out.writeString(v.toString());
    }

    @Override
    public URI read(Kryo kryo, Input in, Class<? extends URI> type) {
      String text = in.readString();
      BoundedInput.charge(in, 128 + 6L * text.length());
      return URI.create(text);
    }
  }

  /**
   * A locale as a byte and strings: 0 and its BCP 47 language tag (script and extensions included),
   * or, for the few locales a tag cannot carry (an ill-formed variant), 1 and its language, country
   * and variant.
   */
  private static final class LocaleSerializer extends Immutable<Locale> {
    @Override
    public void write(Kryo kryo, Output out, Locale v) {
      String tag = v.toLanguageTag();
      if (Locale.forLanguageTag(tag).equals(v)) {
        out.writeByte(0);
        out.writeString(tag);
      } else {
        out.writeByte(1);
        out.writeString(v.getLanguage());
        out.writeString(v.getCountry());
        out.writeString(v.getVariant());
      }
    }

    @Override
    public Locale read(Kryo kryo, Input in, Class<? extends Locale> type) {
      byte form = in.readByte();
      if (form == 0) {
        String tag = in.readString();
        BoundedInput.charge(in, 512 + 8L * tag.length());
        return Locale.forLanguageTag(tag);
      }
      if (form != 1) {
        throw new com.esotericsoftware.kryo.kryo5.KryoException("unknown Locale form " + form);
      }
      String language = in.readString();
      String country = in.readString();
      String variant = in.readString();
      BoundedInput.charge(in, 512);
      return new Locale(language, country, variant);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class OptionalSerializer extends Immutable<Optional> {
    @Override
    public void write(Kryo kryo, Output out, Optional v) {
      kryo.writeClassAndObject(out, v.orElse(null));
    }

    @Override
    public Optional read(Kryo kryo, Input in, Class<? extends Optional> type) {
      return Optional.ofNullable(kryo.readClassAndObject(in));
    }
  }
}
