package io.modelmonitoring.scan.lake;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unmaps a mapped file's buffer now instead of at a later garbage collection, through
 * {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, open to every module on
 * Java 9 and later, as memory-mapping libraries use it). Where that is not there, the
 * mapping goes with the buffer's collection, as always. The buffer must never be read
 * again.
 */
final class Unmapping {

	private static final Logger log = LoggerFactory.getLogger(Unmapping.class);

	private static final Object UNSAFE;

	private static final Method INVOKE_CLEANER;

	static {
		Object unsafe = null;
		Method invokeCleaner = null;
		try {
			Class<?> type = Class.forName("sun.misc.Unsafe");
			Field field = type.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			unsafe = field.get(null);
			invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.debug("mapped spill files are unmapped by the garbage collector: {}", ex.toString());
		}
		UNSAFE = unsafe;
		INVOKE_CLEANER = invokeCleaner;
	}

	private Unmapping() {
	}

	static void unmap(ByteBuffer mapped) {
		if (INVOKE_CLEANER == null) {
			return;
		}
		try {
			INVOKE_CLEANER.invoke(UNSAFE, mapped);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.debug("a mapped spill file is left to the garbage collector: {}", ex.toString());
		}
	}

}
