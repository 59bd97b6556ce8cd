package org.onecall.kit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every service reads request bodies strictly, so that what is stored is what the caller meant:
 * a duplicate key, a number where text belongs ({@code "name": 91}), text where a number belongs
 * ({@code "lat": "39.7"}), a field the request does not have, a scalar or an array where an object
 * belongs, a lone UTF-16 surrogate, or a number too large to be finite are all refused, each as a
 * {@link Refused} or a Jackson error that {@link InputErrorHandlers} turns into a 400 naming the field.
 *
 * <p>Only the HTTP mapper (Micronaut's {@code ObjectMapper}) is made strict: events keep their own
 * tolerant mapper ({@code EventJson}), because a consumer must survive fields a newer producer adds.
 */
@Singleton
class StrictJson implements BeanCreatedEventListener<ObjectMapper> {

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return strict(event.getBean());
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        for (LogicalType numberish : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numberish)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // a date is ISO text: 91 is not the 91st day after 1970 (the java.time readers' lenient reading)
        mapper.setDefaultLeniency(Boolean.FALSE);
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(module());
        return mapper;
    }

    private static SimpleModule module() {
        SimpleModule module = new SimpleModule("onecall-strict-json");
        module.addDeserializer(String.class, new WholeText());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE, 0.0));
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return deserializer instanceof BeanDeserializerBase ? new ObjectsOnly(deserializer) : deserializer;
            }
        });
        return module;
    }

    /** A refusal in the caller's words; the path to the field is added as Jackson unwinds. */
    static final class Refused extends JsonMappingException {
        Refused(JsonParser parser, String reason) {
            super(parser, reason);
        }
    }

    /**
     * A request record is read only from a JSON object. Without this, a record with one field takes
     * a bare scalar as that field ({@code "x"} became a phone number; {@code true} a 500).
     */
    static final class ObjectsOnly extends DelegatingDeserializer {

        ObjectsOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectsOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                throw new Refused(p, "must be a JSON object");
            }
            return super.deserialize(p, ctxt);
        }
    }

    /**
     * Text is whole Unicode: half of a surrogate pair is no character at all, and a list holding one
     * is invalid JSON for strict clients (jq refuses the whole list).
     */
    static final class WholeText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (s != null && hasLoneSurrogate(s)) {
                throw new Refused(p, "must be valid Unicode text (it holds half of a surrogate pair)");
            }
            return s;
        }

        static boolean hasLoneSurrogate(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return true;
                }
                if (Character.isLowSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code 1e400} parses as infinity: a number nobody meant. */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double d = super.deserialize(p, ctxt);
            if (d != null && !Double.isFinite(d)) {
                throw new Refused(p, "must be a finite number");
            }
            return d;
        }
    }
}
