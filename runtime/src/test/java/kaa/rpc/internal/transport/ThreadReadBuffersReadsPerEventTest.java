package kaa.rpc.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

/**
 * Installing ThreadReadBuffers through ChannelOption.RECVBUF_ALLOCATOR drops the channel's
 * default of 16 reads per read event (ChannelMetadata.defaultMaxMessagesPerRead) to the 1 of a
 * freshly made AdaptiveRecvByteBufAllocator.
 */
class ThreadReadBuffersReadsPerEventTest {
  private static int perRead(io.netty.channel.Channel ch) {
    return ((io.netty.channel.MaxMessagesRecvByteBufAllocator) ch.config().getRecvByteBufAllocator())
        .maxMessagesPerRead();
  }

  @Test
  void keepsTheChannelsReadsPerEvent() {
    for (io.netty.channel.Channel ch :
        new io.netty.channel.Channel[] {new NioSocketChannel(), new NioDomainSocketChannel()}) {
      int before = perRead(ch);
      ch.config().setOption(ChannelOption.RECVBUF_ALLOCATOR, new ThreadReadBuffers());
      try {
        assertEquals(before, perRead(ch), ch.getClass().getSimpleName());
      } finally {
        ch.unsafe().closeForcibly();
      }
    }
  }
}
